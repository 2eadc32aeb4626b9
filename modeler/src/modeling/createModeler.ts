import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import LintModule from 'bpmn-js-bpmnlint';
import { ChineseTranslateModule } from './translations.ts';
import { ThirdPartyBpmnModule } from './thirdPartyBpmn.ts';
import { ReviewStepModule } from './reviewStep.ts';
import { PaletteTooltipsModule } from './paletteTooltips.ts';
import { PanelTitlesModule } from './panelTitles.ts';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './bpmnlint-contrast.css';

/**
 * One bpmn-js Modeler for Camunda 7, wired by hand (one copy of bpmn-js and diagram-js in the
 * build): camunda-bpmn-moddle and its behaviours, the properties panel with the Camunda 7
 * provider, our element templates with the template chooser, bpmnlint on the canvas, and the
 * palette, context pad and panel in Chinese unless the UI is in English; third-party files kept
 * whole on save (thirdPartyBpmn.ts); 多人审批 steps written out from their rule (reviewStep.ts). The bpmn.io watermark stays.
 */
export function createModeler(options: { container: HTMLElement; panel: HTMLElement; templates: unknown[]; chinese: boolean }): Modeler {
  return new Modeler({
    container: options.container,
    propertiesPanel: { parent: options.panel },
    elementTemplates: options.templates,
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      LintModule,
      ThirdPartyBpmnModule,
      ReviewStepModule,
      PaletteTooltipsModule,
      ...(options.chinese ? [ChineseTranslateModule, PanelTitlesModule] : []),
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
}
