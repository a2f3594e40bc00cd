import { mount } from 'svelte';
import App from './App.svelte';
import '../../components/base.css';
import { readSyncSettings, requestSync } from '../../lib/messaging/sync-signal';

mount(App, { target: document.getElementById('app')! });

// Team sharing: a sync run when the panel opens, and every few seconds while it is open, so
// the team's work arrives while the user looks (the background runs them, one at a time).
const PANEL_SYNC_MS = 5000;
async function syncWhileOpen(reason: string): Promise<void> {
  if (await readSyncSettings()) await requestSync(reason);
}
void syncWhileOpen('panel-open');
setInterval(() => void syncWhileOpen('panel-open'), PANEL_SYNC_MS);
