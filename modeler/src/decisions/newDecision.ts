/**
 * A new decision table's DMN 1.3: one input, one output, one rule that matches anything (the
 * analyst edits it in the table), FIRST hit policy, and the history the engine keeps of it.
 */
export function newDecisionXml(key: string, name: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="definitions_${key}" name="${esc(name)}" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${key}" name="${esc(name)}" camunda:historyTimeToLive="180">
    <decisionTable id="table_${key}" hitPolicy="FIRST">
      <input id="input_1" label="年龄">
        <inputExpression id="input_expression_1" typeRef="integer"><text>age</text></inputExpression>
      </input>
      <output id="output_1" name="eligible" label="是否符合" typeRef="boolean" />
      <rule id="rule_1">
        <inputEntry id="rule_1_input_1"><text>&gt;= 80</text></inputEntry>
        <outputEntry id="rule_1_output_1"><text>true</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
`;
}
