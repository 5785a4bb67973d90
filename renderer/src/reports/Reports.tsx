export function Reports() {
  return <section>Reports</section>;
}
