// Charts as PNG, in-process and without a browser (DESIGN §8): ECharts renders SVG on the server, resvg
// (a Rust renderer shipped as an npm package, no download at install) turns it into a PNG. The CJK font is
// an npm package too (@embedpdf/fonts-sc: Noto Sans Hans, OpenType, which resvg reads); without it resvg
// finds no font on a bare server and draws no text at all.
//
// Sized for a phone held by a 70-year-old: a 1080-pixel-wide picture, large type, four series at most,
// values printed on the bars so nobody has to read them off an axis.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChartSpec, OutFile } from '../app/ports.js'

export const CHART_WIDTH = 1080
export const CHART_HEIGHT = 1350
const FONT = 'Noto Sans Hans'

/** The font files, found through the package's own entry point (it exports no paths). */
export function fontFiles(): string[] {
  const dir = join(dirname(fileURLToPath(import.meta.resolve('@embedpdf/fonts-sc'))), '..', 'fonts')
  return [join(dir, 'NotoSansHans-Regular.otf'), join(dir, 'NotoSansHans-Bold.otf')]
}

/** ECharts' option for the spec: bars with their values, the rate as a line on a 0–100 % axis. */
export function chartOption(spec: ChartSpec) {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT, fontSize: 30, color: '#222' },
    title: { text: spec.title, left: 'center', top: 24, textStyle: { fontSize: 44, fontWeight: 'bold' } },
    legend: { top: 100, itemWidth: 40, itemHeight: 24, itemGap: 30, textStyle: { fontSize: 32 } },
    grid: { left: 80, right: 100, top: 190, bottom: 120 },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: { fontSize: 26, interval: 0, rotate: spec.categories.length > 6 ? 40 : 0 },
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { fontSize: 26 } },
      ...(spec.line ? [{ type: 'value', min: 0, max: 100, axisLabel: { fontSize: 26, formatter: '{value}%' } }] : []),
    ],
    color: ['#3b6fd8', '#e0a020', '#2e9e5b', '#c0392b'],
    series: [
      ...spec.bars.map((b) => ({
        name: b.name,
        type: 'bar',
        data: b.values,
        barGap: '8%',
        // Values on the bars (no reading off an axis); a zero says nothing and is left out.
        label: {
          show: spec.categories.length <= 8,
          position: 'top',
          fontSize: 24,
          formatter: (p: { value: unknown }) => (p.value ? String(p.value) : ''),
        },
      })),
      ...(spec.line
        ? [
            {
              name: spec.line.name,
              type: 'line',
              yAxisIndex: 1,
              data: spec.line.values,
              symbolSize: 14,
              lineStyle: { width: 5 },
              connectNulls: true,
            },
          ]
        : []),
    ],
  }
}

/** SVG from ECharts, PNG from resvg. Both libraries load on first use: most processes never draw. */
export async function renderChart(spec: ChartSpec): Promise<OutFile> {
  const echarts = await import('echarts')
  const { Resvg } = await import('@resvg/resvg-js')
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT })
  let svg: string
  try {
    chart.setOption(chartOption(spec))
    svg = chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
  const png = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT },
    background: '#ffffff',
  })
    .render()
    .asPng()
  return { name: 'chart.png', mime: 'image/png', data: new Uint8Array(png) }
}
