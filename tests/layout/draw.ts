import { createCanvas } from '@napi-rs/canvas'
import type { GreyImage } from '../../src/image/grey-image.js'

export type Rule = [number, number, number, number] // x0 y0 x1 y1
/** Draw rules (and optional text blocks) on a white page, rotate by `skew` degrees, return grey pixels. */
export function drawPage(rules: Rule[], opts: { width?: number; height?: number; skew?: number; grey?: number; lineWidth?: number; broken?: boolean; text?: [string, number, number][] } = {}): GreyImage {
  const width = opts.width ?? 1240
  const height = opts.height ?? 1754
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, width, height)
  ctx.translate(width / 2, height / 2)
  ctx.rotate(((opts.skew ?? 0) * Math.PI) / 180)
  ctx.translate(-width / 2, -height / 2)
  const g = opts.grey ?? 0
  ctx.strokeStyle = `rgb(${g},${g},${g})`
  ctx.lineWidth = opts.lineWidth ?? 2
  if (opts.broken) ctx.setLineDash([40, 7])
  for (const [x0, y0, x1, y1] of rules) {
    ctx.beginPath()
    ctx.moveTo(x0, y0)
    ctx.lineTo(x1, y1)
    ctx.stroke()
  }
  ctx.setLineDash([])
  ctx.fillStyle = '#000'
  ctx.font = '22px DejaVu Sans'
  for (const [t, x, y] of opts.text ?? []) ctx.fillText(t, x, y)
  const rgba = ctx.getImageData(0, 0, width, height).data
  const data = new Uint8Array(width * height)
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]
  return { width, height, data, dpi: 150 }
}
