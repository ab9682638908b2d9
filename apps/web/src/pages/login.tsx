import { useState, type FormEvent } from 'react';
import type { ApiProblem } from '../api/client';
import { useAuth } from '../auth';
import { useText } from '../i18n';
import { ErrorNote } from '../ui';

const TEXT = {
  th: {
    title: 'เข้าสู่ระบบ',
    username: 'ชื่อผู้ใช้',
    password: 'รหัสผ่าน',
    submit: 'เข้าสู่ระบบ',
    busy: 'กำลังเข้าสู่ระบบ…',
    sso: 'เข้าสู่ระบบด้วยบัญชีของหน่วยงาน (OIDC)',
    org: 'รหัสหน่วยงาน',
  },
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    sso: "Sign in with your agency's account (OIDC)",
    org: 'Agency code',
  },
};

export function LoginPage() {
  const t = useText(TEXT);
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [org, setOrg] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(await login(username.trim(), password));
    setBusy(false);
  };
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t.title}</h1>
      <form onSubmit={submit} className="form">
        <label>
          {t.username}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorNote problem={problem} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
      <form
        className="form sso"
        onSubmit={(e) => {
          e.preventDefault();
          if (org.trim()) window.location.href = `/api/auth/oidc/${encodeURIComponent(org.trim())}/login`;
        }}
      >
        <label>
          {t.org}
          <input
            name="organization"
            value={org}
            onChange={(e) => setOrg(e.target.value.toUpperCase())}
            placeholder="TCEB"
          />
        </label>
        <button type="submit">{t.sso}</button>
      </form>
    </section>
  );
}
