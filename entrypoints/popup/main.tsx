import { render } from 'preact';
import '../../components/theme.css';
import '../../components/components.css';
import '../../components/location-picker.css';
import '../../components/popup/popup.css';
import { setUpDocument } from '../../lib/ui/page-document.ts';
import { preloadCachedList } from '../../lib/ui/watch.ts';
import { accountsFirstScreen } from '../../lib/ui/first-screen.ts';
import { App } from './App.tsx';

setUpDocument();
render(<App />, document.getElementById('app')!);
// The account list is the popup's first view: its first screen is read now, beside the stored key
// status and settings the render above asked for, and after them, since the browser reads one item
// after the other; the whole list once that first screen is drawn.
preloadCachedList('getAccounts', accountsFirstScreen);
