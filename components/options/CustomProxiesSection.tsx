/**
 * The user's own proxies: the list (a password is never shown once saved), add one, edit, delete
 * (asked first, and told when the browser goes through it), and paste many at once, every line
 * checked before anything is saved (lib/ui/proxy-lines.ts).
 */
import { useId, useState } from 'preact/hooks';
import { t, tCount } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { firefoxProxyApi } from '../../lib/shared/platform.ts';
import type { SavedCustomEndpoint } from '../../lib/background/proxy/custom-endpoints.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { checkProxyFields, normalizeHost, parsePort, PROXY_SCHEMES, proxyAddress, type FieldProblem, type ProxyField, type ProxyScheme } from '../../lib/shared/custom-proxy.ts';
import { parseProxyLines, withoutLines, type LineProblem } from '../../lib/ui/proxy-lines.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { ActionError } from '../States.tsx';
import { CustomEndpointList } from '../CustomEndpointList.tsx';
import { SCHEME_NAMES, useCustomEndpoints } from '../../lib/ui/custom-endpoints.ts';
import { withField } from '../../lib/ui/use-draft.ts';

/** Only Firefox's proxy API (the one with `proxy.onRequest`) can log in to a SOCKS5 proxy. */
const abilities = { socksLogin: firefoxProxyApi() !== undefined };

export function CustomProxiesSection() {
  const { saved, activeId } = useCustomEndpoints();
  const [editing, setEditing] = useState<string | 'new'>();
  const [deleting, setDeleting] = useState<SavedCustomEndpoint>();
  const list = saved.value;
  return (
    <section class="card" aria-labelledby="custom-proxies-title" id="custom-proxies">
      <h2 id="custom-proxies-title">{t('custom_title')}</h2>
      <p class="hint">{t('custom_intro')}</p>
      {!abilities.socksLogin && <p class="hint">{t('proxyError_socksAuthChrome')}</p>}
      <CustomEndpointList saved={saved} label={t('custom_title')} class="custom-list">
        {(endpoint) =>
          editing === endpoint.id ? (
            <li key={endpoint.id}>
              <ProxyForm initial={endpoint} onDone={() => setEditing(undefined)} />
            </li>
          ) : (
            <li key={endpoint.id} class="custom-row">
              <div>
                <strong>{nameOf(endpoint)}</strong> {endpoint.id === activeId && <span class="badge ok">{t('custom_inUse')}</span>}
                <div class="muted small">{describe(endpoint)}</div>
              </div>
              <div class="row">
                <button type="button" aria-label={t('custom_editNamed', nameOf(endpoint))} onClick={() => setEditing(endpoint.id)}>
                  {t('custom_edit')}
                </button>
                <button type="button" class="danger" aria-label={t('custom_deleteNamed', nameOf(endpoint))} onClick={() => setDeleting(endpoint)}>
                  {t('custom_delete')}
                </button>
              </div>
            </li>
          )
        }
      </CustomEndpointList>
      {editing === 'new' ? (
        <ProxyForm onDone={() => setEditing(undefined)} />
      ) : (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            {t('custom_add')}
          </button>
        </p>
      )}
      {list && <PasteForm saved={list} />}
      {deleting && (
        <ConfirmDialog
          title={t('custom_deleteTitle', nameOf(deleting))}
          confirmLabel={t('custom_delete')}
          danger
          onConfirm={() => sendToBackground('deleteCustomEndpoint', { id: deleting.id })}
          onClose={() => setDeleting(undefined)}
        >
          <p>{deleting.id === activeId ? t('custom_deleteInUse') : t('custom_deleteBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

const nameOf = (endpoint: SavedCustomEndpoint) => endpoint.label ?? proxyAddress(endpoint);

/** Scheme, address and login, the password as dots only. */
function describe(endpoint: SavedCustomEndpoint): string {
  const login = endpoint.username ? t('custom_loginShown', endpoint.username) : t('custom_noLogin');
  return [SCHEME_NAMES[endpoint.scheme], proxyAddress(endpoint), login].join(' · ');
}

interface Draft {
  label: string;
  scheme: ProxyScheme;
  host: string;
  port: string;
  username: string;
  password: string;
}

/** Adds a proxy, or edits `initial`; an empty password field keeps the saved password. */
function ProxyForm({ initial, onDone }: { initial?: SavedCustomEndpoint; onDone(): void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>({
    label: initial?.label ?? '',
    scheme: initial?.scheme ?? 'http',
    host: initial?.host ?? '',
    port: initial ? String(initial.port) : '',
    username: initial?.username ?? '',
    password: '',
  });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const save = useAction();
  const keepPassword = initial?.password !== undefined && initial.password !== '' && draft.password === '' && draft.username !== '';
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const fields = { scheme: draft.scheme, host: normalizeHost(draft.host), port: parsePort(draft.port), ...(draft.label.trim() && { label: draft.label.trim() }), ...(draft.username && { username: draft.username }), ...(draft.password && { password: draft.password }) };
    const found = checkProxyFields(keepPassword ? { ...fields, password: initial.password } : fields, abilities);
    setProblems(found);
    if (found.length > 0) return;
    const done = await save.run(() => (initial ? sendToBackground('editCustomEndpoint', { ...fields, id: initial.id, keepPassword }) : sendToBackground('addCustomEndpoints', { endpoints: [fields] })));
    if (done) onDone();
  };
  const field = (name: Exclude<ProxyField, 'scheme'>, label: string, extra: { type?: string; hint?: string } = {}) => {
    const problem = problems.find((candidate) => candidate.field === name);
    const problemId = `${id}-${name}-problem`;
    return (
      <div class="field">
        <label for={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          type={extra.type ?? 'text'}
          spellcheck={false}
          autocomplete="off"
          placeholder={extra.hint}
          value={draft[name]}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? problemId : undefined}
          onInput={(event) => setDraft(withField(name, event.currentTarget.value))}
        />
        {problem && (
          <p class="problem" id={problemId}>
            {t(problem.reason, ...problem.substitutions)}
          </p>
        )}
      </div>
    );
  };
  return (
    <form class="custom-form" aria-label={initial ? t('custom_editNamed', nameOf(initial)) : t('custom_add')} onSubmit={(event) => void onSubmit(event)} noValidate>
      {field('label', t('custom_label'))}
      <div class="row">
        <div class="field">
          <label for={`${id}-scheme`}>{t('custom_scheme')}</label>
          <SchemeSelect id={`${id}-scheme`} value={draft.scheme} onChange={(scheme) => setDraft(withField('scheme', scheme))} />
        </div>
        {field('host', t('custom_host'))}
        {field('port', t('custom_port'))}
      </div>
      <div class="row">
        {field('username', t('custom_username'))}
        {field('password', t('custom_password'), { type: 'password', hint: initial?.password ? t('custom_passwordKept') : undefined })}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending}>
          {t('ui_save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('ui_cancel')}
        </button>
      </div>
      <ActionError error={save.error} />
    </form>
  );
}

/**
 * Many proxies at once. Nothing is saved while a line cannot be: the text stays as typed with each
 * bad line told, and one click takes those lines out, so the user decides what is dropped.
 */
function PasteForm({ saved }: { saved: readonly SavedCustomEndpoint[] }) {
  const id = useId();
  const [text, setText] = useState('');
  const [scheme, setScheme] = useState<ProxyScheme>('http');
  const [problems, setProblems] = useState<LineProblem[]>([]);
  const [savedCount, setSavedCount] = useState<number>();
  const save = useAction();
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setSavedCount(undefined);
    const parsed = parseProxyLines(text, { defaultScheme: scheme, saved, ...abilities });
    setProblems(parsed.problems);
    if (parsed.problems.length > 0 || parsed.proxies.length === 0) return;
    const endpoints = parsed.proxies.map(({ line: _line, ...fields }) => fields);
    if (await save.run(() => sendToBackground('addCustomEndpoints', { endpoints }))) {
      setText('');
      setSavedCount(endpoints.length);
    }
  };
  const dropBadLines = () => {
    setText(withoutLines(text, new Set(problems.map((problem) => problem.line))));
    setProblems([]);
  };
  return (
    <details class="custom-paste">
      <summary>{t('custom_pasteTitle')}</summary>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div class="field">
          <label for={`${id}-lines`}>{t('custom_pasteLines')}</label>
          <textarea id={`${id}-lines`} spellcheck={false} rows={6} value={text} aria-describedby={`${id}-syntax`} aria-invalid={problems.length > 0} onInput={(event) => setText(event.currentTarget.value)} />
          <p class="hint" id={`${id}-syntax`}>
            {t('custom_pasteSyntax')} <code>host:port</code>, <code>host:port:user:pass</code>, <code>user:pass@host:port</code>
          </p>
        </div>
        <div class="field">
          <label for={`${id}-scheme`}>{t('custom_pasteScheme')}</label>
          <SchemeSelect id={`${id}-scheme`} value={scheme} onChange={setScheme} />
        </div>
        {problems.length > 0 && (
          <div class="action-error" role="alert">
            <p>{tCount('custom_pasteRefused', problems.length)}</p>
            <ul>
              {problems.map((problem) => (
                <li key={problem.line}>{t('custom_lineProblem', String(problem.line), t(problem.reason, ...problem.substitutions))}</li>
              ))}
            </ul>
            <button type="button" onClick={dropBadLines}>
              {t('custom_pasteDropBad')}
            </button>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={save.pending}>
            {t('custom_pasteSave')}
          </button>
          <div aria-live="polite">{savedCount !== undefined && <p class="status-ok">{tCount('custom_pasteSaved', savedCount)}</p>}</div>
        </div>
        <ActionError error={save.error} />
      </form>
    </details>
  );
}

function SchemeSelect({ id, value, onChange }: { id: string; value: ProxyScheme; onChange(scheme: ProxyScheme): void }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as ProxyScheme)}>
      {PROXY_SCHEMES.map((scheme) => (
        <option key={scheme} value={scheme}>
          {SCHEME_NAMES[scheme]}
        </option>
      ))}
    </select>
  );
}
