// The page's only stylesheet, served from /static/page.css so the Content-Security-Policy can forbid
// inline styles and scripts altogether. Plain, legible, printable.
export const PAGE_CSS = `
body { font: 16px/1.45 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f4; }
header { background: #1d3a5f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.5rem; align-items: center; }
header a, header button { color: #fff; }
header form { margin-left: auto; }
main { max-width: 62rem; margin: 1.2rem auto; padding: 0 1.2rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
fieldset { background: #fff; border: 1px solid #ccc; margin: 0 0 1rem; }
label { display: block; margin: .5rem 0 .2rem; font-weight: 600; }
input[type=text], input[type=password], input[type=date], textarea, select { width: 100%; max-width: 36rem; padding: .35rem; font: inherit; box-sizing: border-box; }
textarea { min-height: 4.2rem; }
.inline label { display: inline; font-weight: normal; margin-right: 1rem; }
.flash { background: #e6f4ea; border: 1px solid #8bc79c; padding: .6rem; }
.error { background: #fdecea; border: 1px solid #e4a29b; padding: .6rem; }
.hint { color: #555; font-size: .9rem; }
button { font: inherit; padding: .35rem .9rem; cursor: pointer; }
button.danger { color: #8a1c12; }
`;
