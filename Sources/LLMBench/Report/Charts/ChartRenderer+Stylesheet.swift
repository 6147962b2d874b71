extension ChartRenderer {
    /// The CSS the page embeds once for its charts: sizes, text, and how hidden series and hovered
    /// points look. The SVG draws correctly without it (colours are attributes); it only refines.
    static let stylesheet = """
        figure.chart{margin:1.5em 0;max-width:960px}
        figure.chart figcaption{font-weight:600;margin-bottom:.3em}
        .chart-svg{display:block;width:100%;height:auto;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:12px}
        .chart-svg text{fill:#222}
        .chart-svg .tick-labels text{font-size:11px;fill:#555}
        .chart-svg .axis-label{font-size:12px;fill:#222}
        .chart-svg .reference-line text{font-size:11px;fill:#333}
        .chart-svg .series.is-hidden{display:none}
        .chart-svg .legend-item{cursor:pointer}
        .chart-svg .legend-item.is-hidden{opacity:.35}
        .chart-svg .points circle:hover,.chart-svg .points rect:hover,.chart-svg .points path:hover{stroke:#000;stroke-width:1.5;fill-opacity:1}
        .chart-svg .timeline-rows path:hover{stroke:#000}
        .chart-note{font-size:.85em;color:#555;margin:.3em 0 0}
        """
}
