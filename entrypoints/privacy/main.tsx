import { render } from 'preact';
import '../../components/theme.css';
import '../../components/page.css';
import '../../components/privacy.css';
import { App } from './App.tsx';

render(<App />, document.getElementById('app')!);
