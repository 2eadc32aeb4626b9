import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import VChart from 'vue-echarts';
import 'vue-echarts/style.css';

/**
 * ECharts for the dashboard only (the route loads lazily, so no other page downloads it): the core
 * with the two charts and the components they use, drawn as SVG (sharp at any zoom and in large
 * text, and its text readable by the accessibility tree). Each chart also has its data as a table.
 */
use([LineChart, BarChart, GridComponent, TooltipComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

export { VChart };

/** The page's colours for the charts (WCAG AA against white). */
export const CHART_COLORS = { line: '#1d5fbf', met: '#1e7b34', missed: '#b3261e', neutral: '#5b6b7f', target: '#8a5a00' };
