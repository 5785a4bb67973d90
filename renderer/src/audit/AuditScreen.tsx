export function AuditScreen() {
  return <section>AuditScreen</section>;
}
