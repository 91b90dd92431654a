// The receipt's own layout rules, rendered as one <style> inside the view: renderReceiptMarkup runs
// in Node, which cannot import a CSS module, and the services table must turn into a two-column
// list on phones without rendering every line (and its testid'd total) twice.
export const RECEIPT_ROOT_CLASS = 'abonent-receipt';

const root = `.${RECEIPT_ROOT_CLASS}`;

export const RECEIPT_CSS = `
${root} .receipt-scroll { overflow-x: auto; }
${root} .receipt-lines { width: 100%; border-collapse: collapse; font-size: var(--mantine-font-size-sm); line-height: 1.45; }
${root} .receipt-lines :is(th, td) { padding: 10px 8px; text-align: right; vertical-align: top; font-weight: 400; border-bottom: 1px solid var(--mantine-color-gray-2); }
${root} .receipt-lines :is(th, td):first-child { padding-left: 0; text-align: left; }
${root} .receipt-lines :is(th, td):last-child { padding-right: 0; font-weight: 600; }
${root} .receipt-lines thead th { font-size: var(--mantine-font-size-xs); font-weight: 500; color: var(--mantine-color-dimmed); vertical-align: bottom; }
${root} .receipt-lines tfoot :is(th, td) { border-bottom: 0; font-weight: 700; }
${root} .receipt-service { display: block; font-weight: 500; }
${root} .receipt-formula { display: block; margin-top: 2px; font-size: var(--mantine-font-size-xs); color: var(--mantine-color-dimmed); font-variant-numeric: tabular-nums; }
${root} .receipt-dim { color: var(--mantine-color-dimmed); }
@media (max-width: 61.99em) {
  ${root} .receipt-lines thead,
  ${root} .receipt-lines [data-cell]:not([data-cell='service'], [data-cell='total']) { display: none; }
  ${root} .receipt-lines :is(th, td) { padding: 10px 0; }
  ${root} .receipt-lines [data-cell='total'] { padding-left: 12px; }
}
${root} .receipt-details > summary { cursor: pointer; font-size: var(--mantine-font-size-sm); font-weight: 500; color: var(--mantine-color-anchor); padding: 4px 0; width: fit-content; }
${root} .receipt-details > summary:focus-visible { outline: 2px solid var(--mantine-primary-color-filled); outline-offset: 2px; border-radius: 2px; }
${root} .receipt-details[open] > summary { margin-bottom: var(--mantine-spacing-xs); }
`;
