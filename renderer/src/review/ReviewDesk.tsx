export function ReviewDesk() {
  return <section>ReviewDesk</section>;
}
