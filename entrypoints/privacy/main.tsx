import { render } from 'preact';
import './styles.css';
import { t } from '../../lib/shared/i18n.ts';
import { setUpDocument } from '../../lib/ui/page-document.ts';
import { App } from './App.tsx';

setUpDocument(t('privacy_title'));
render(<App />, document.getElementById('app')!);
