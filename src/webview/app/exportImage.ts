/**
 * The timeline as a file for a ticket: a standalone SVG (theme colours resolved to values, since the
 * file leaves VS Code and its CSS variables behind) and a PNG rendered from it at twice the size.
 */

/** Properties the stylesheet sets on SVG elements: copied as attributes so the file looks the same anywhere. */
const PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-family', 'font-size', 'font-weight', 'visibility'] as const;

/** A standalone copy of the SVG, every themed property written out as a presentation attribute. */
export function standaloneSvg(svg: SVGSVGElement): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const src = [svg, ...svg.querySelectorAll('*')];
	const dst = [copy, ...copy.querySelectorAll('*')];
	src.forEach((node, i) => {
		const style = getComputedStyle(node);
		for (const p of PROPS) {
			const v = style.getPropertyValue(p);
			if (v) dst[i].setAttribute(p, v);
		}
		dst[i].removeAttribute('class');
		dst[i].removeAttribute('tabindex');
	});
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	return new XMLSerializer().serializeToString(copy);
}

/** The SVG text rendered to a PNG data URL (`scale` device pixels per CSS pixel). */
export async function pngDataUrl(svgText: string, width: number, height: number, scale = 2): Promise<string> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('the SVG could not be rendered'));
			img.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(width * scale);
		canvas.height = Math.ceil(height * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('no 2D canvas');
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0, width, height);
		return canvas.toDataURL('image/png');
	} finally {
		URL.revokeObjectURL(url);
	}
}
