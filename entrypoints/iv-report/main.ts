import { mount } from 'svelte';
import App from './App.svelte';
import '../../components/base.css';
import '../../components/print.css';

mount(App, { target: document.getElementById('app')! });
