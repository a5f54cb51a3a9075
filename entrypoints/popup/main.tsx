import { render } from 'preact';
import '../../components/theme.css';
import '../../components/components.css';
import '../../components/popup/popup.css';
import { uiLanguage } from '../../lib/i18n.ts';
import { App } from './App.tsx';

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
