/// The page's CSS, inline: system fonts, dark text on a light page whatever the reader's colour
/// scheme (the charts' colours are chosen for it), readable when printed.
enum ReportStylesheet {
    static let css = """
        :root{color-scheme:light}
        html{background:#fff;color:#1a1a1a}
        body{margin:0 auto;max-width:1200px;padding:0 1.2rem 2rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        header{border-bottom:2px solid #1a1a1a;margin-bottom:.8rem}
        h1{font-size:1.6rem;margin:1.2rem 0 .3rem}
        h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
        .lead{color:#444;margin:.2rem 0 .8rem}
        .warning{background:#fff4e5;border-left:4px solid #d55e00;padding:.5rem .8rem}
        nav ol{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;margin:0 0 1rem;list-style:none;font-size:.9rem}
        a{color:#0b5394}
        .table-wrap{overflow-x:auto;margin:.8rem 0}
        table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.9rem}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        thead th{border-bottom:2px solid #999}
        .num{text-align:right}
        tbody th{white-space:nowrap}
        .bar{display:inline-block;height:.8em;min-width:2px;background:#d55e00}
        td:has(.bar){width:12rem}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:0 1.5rem}
        .charts.wide{grid-template-columns:1fr}
        figure.chart{max-width:none}
        figure.chart svg{width:100%;height:auto}
        details{margin:.5rem 0}
        summary{cursor:pointer}
        pre{background:#f5f5f5;border:1px solid #ddd;padding:.6rem;overflow-x:auto;font-size:.8rem;max-height:30rem}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        dl.definitions dt{margin-top:.5rem}
        dl.definitions dd{margin-left:1.2rem;color:#333}
        footer{margin-top:2rem;border-top:1px solid #ccc;color:#555;font-size:.85rem}
        .tip{position:fixed;z-index:10;pointer-events:none;background:#1a1a1a;color:#fff;padding:.25rem .45rem;border-radius:3px;font-size:.8rem;max-width:28rem}
        @media print{body{max-width:none;font-size:11px}nav,.tip{display:none}details{display:block}section{break-inside:auto}figure.chart{break-inside:avoid}}

        """
}
