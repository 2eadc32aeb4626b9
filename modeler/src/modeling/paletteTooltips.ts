import type EventBus from 'diagram-js/lib/core/EventBus';
import type Canvas from 'diagram-js/lib/core/Canvas';

/**
 * Tooltips on the palette's tools: diagram-js names each tool for screen readers only
 * (aria-label, in the UI's language through the translate service), so a pointer hovering a tool
 * showed nothing; each tool's title is its label, set whenever the palette is drawn.
 */
function PaletteTooltips(eventBus: EventBus, canvas: Canvas) {
  eventBus.on('palette.changed', () => {
    for (const entry of canvas.getContainer().querySelectorAll<HTMLElement>('.djs-palette .entry[aria-label]')) {
      entry.title = entry.getAttribute('aria-label')!;
    }
  });
}
PaletteTooltips.$inject = ['eventBus', 'canvas'];

export const PaletteTooltipsModule = { __init__: ['paletteTooltips'], paletteTooltips: ['type', PaletteTooltips] };
