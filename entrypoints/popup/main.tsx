import { render } from 'preact';
import './styles.css';
import { expectFirstView } from '../../lib/ui/first-view.ts';
import { setUpDocument } from '../../lib/ui/page-document.ts';
import { preloadCachedList } from '../../lib/ui/watch.ts';
import { accountsFirstScreen } from '../../lib/ui/first-screen.ts';
import { App } from './App.tsx';

setUpDocument();
// The account list (or the key screen): the background is asked to confirm what the popup drew from storage once it is on screen.
expectFirstView();
render(<App />, document.getElementById('app')!);
// The account list is the popup's first view: its first screen is read now, beside the stored key
// status and settings the render above asked for, and after them, since the browser reads one item
// after the other; the whole list once that first screen is drawn.
preloadCachedList('getAccounts', accountsFirstScreen);
