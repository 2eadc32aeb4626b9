/** A question of an item's 办理情形 or a bundle's 情形问答, as a page asks it (in the page's language). */
export interface AskedQuestion {
  code: string;
  text: string;
  type: 'boolean' | 'choice';
  options?: { value: string; label: string }[];
}
