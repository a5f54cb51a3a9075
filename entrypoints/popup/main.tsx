import { render } from 'preact';
import '../../components/theme.css';
import '../../components/components.css';
import '../../components/location-picker.css';
import '../../components/popup/popup.css';
import { setUpDocument } from '../../lib/ui/page-document.ts';
import { preloadCachedList } from '../../lib/ui/watch.ts';
import { App } from './App.tsx';

// The account list is the popup's first view: its cached copy is read while the key status is asked.
preloadCachedList('getAccounts');
setUpDocument();
render(<App />, document.getElementById('app')!);
