import { mount } from 'svelte';
import App from './App.svelte';
// Be Vietnam Pro, served from the app's own origin: stacked diacritics render the same on every
// machine. Each weight's CSS lists its subsets by unicode-range, so a page loads only the
// files (Vietnamese, Latin) its text needs.
import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-600.css';
import '@fontsource/be-vietnam-pro/latin-600.css';
import '@fontsource/be-vietnam-pro/vietnamese-700.css';
import '@fontsource/be-vietnam-pro/latin-700.css';
import './app.css';

mount(App, { target: document.getElementById('app')! });
