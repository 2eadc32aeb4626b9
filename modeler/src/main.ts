import { createApp } from 'vue';
// Element Plus's variables and transitions first, for ours to override; its components come with
// the pages that show them (modeler/build/element-plus-on-demand.ts)
import 'element-plus/theme-chalk/base.css';
import './styles/base.css';
import App from './App.vue';
import { i18n, restoreLocale } from './i18n/index.ts';
import { router } from './router.ts';
import { session } from './api/session.ts';
import { onUnauthorised } from './api/http.ts';
import { connectLive, disconnectLive, onSessionEnded } from './live/socket.ts';
import './layout/preferences.ts';

/** Assembles the app: the languages, the pages, and live updates while signed in. */
const app = createApp(App);
app.use(i18n);
app.use(router);

if (session.token.value) connectLive(session.token.value);
/** The session ended (told by a request's 401 or by the socket): back to the login, saying why. */
function sessionEnded(code: string): void {
  if (!session.signedIn.value) return;
  session.end();
  disconnectLive();
  void router.push({ name: 'login', query: { expired: code === 'session_idle' ? 'idle' : '1', next: router.currentRoute.value.fullPath } });
}
onUnauthorised(sessionEnded);
onSessionEnded(sessionEnded);

// in the language remembered on this device from the first frame
void restoreLocale().then(() => app.mount('#app'));
