import { mount } from 'svelte';
import App from './App.svelte';
// Be Vietnam Pro, served from the app's own origin: stacked diacritics render the same on every
// machine. Each weight lists its subsets (Vietnamese, Latin, Latin Extended) by unicode-range,
// so a page loads only the files its text needs.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
// A monospace face with every Vietnamese letter (the usual system ones draw `ố` as `ô` and a
// loose accent) for the SQL editor and names shown as code.
import '@fontsource/noto-sans-mono/400.css';
import './app.css';

mount(App, { target: document.getElementById('app')! });
