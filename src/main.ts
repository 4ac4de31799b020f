import { mount } from 'svelte';
import App from './App.svelte';
// Be Vietnam Pro, served from the app's own origin: stacked diacritics render the same on every
// machine. Each weight lists its subsets (Vietnamese, Latin, Latin Extended) by unicode-range,
// so a page loads only the files its text needs.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './app.css';

mount(App, { target: document.getElementById('app')! });
