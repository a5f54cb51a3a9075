import { render } from 'preact';
import '../../components/theme.css';
import '../../components/page.css';
import '../../components/location-picker.css';
import { t } from '../../lib/shared/i18n.ts';
import { setUpDocument } from '../../lib/ui/page-document.ts';
import { App } from './App.tsx';

setUpDocument(t('options_title'));
render(<App />, document.getElementById('app')!);
