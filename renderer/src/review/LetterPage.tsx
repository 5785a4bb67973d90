export function LetterPage({ letterId }: { letterId: string }) {
  return <section>{letterId}</section>;
}
