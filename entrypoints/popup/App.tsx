export function App() {
  return <main>911Proxy</main>;
}
