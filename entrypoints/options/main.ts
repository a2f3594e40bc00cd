import { mount } from 'svelte';
import App from './App.svelte';
import '../../components/base.css';
import { askPersistence } from '../../lib/db/storage-state';

mount(App, { target: document.getElementById('app')! });

// Asked when the page opens: the browser then keeps the extension's storage when space runs short.
void askPersistence().catch((e: unknown) => console.warn('Evidence Mapper: persistent storage was not granted', e));
