import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

const el = document.getElementById('root');
if (el) {
  document.body.style.margin = '0';
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
