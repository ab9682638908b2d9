import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AuthProvider } from './auth';
import { LangProvider } from './i18n';
import { UnreadProvider } from './unread';
import './styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LangProvider>
      <AuthProvider>
        <UnreadProvider>
          <App />
        </UnreadProvider>
      </AuthProvider>
    </LangProvider>
  </StrictMode>,
);
