export function AdminScreen() {
  return <section>AdminScreen</section>;
}
