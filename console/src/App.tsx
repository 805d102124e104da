import { SessionPage } from './features/session/SessionPage';

export function App() {
  return (
    <div className="app">
      <header className="app__header">
        <span className="app__brand">Tollgate</span>
      </header>
      <main className="app__main">
        <SessionPage />
      </main>
    </div>
  );
}
