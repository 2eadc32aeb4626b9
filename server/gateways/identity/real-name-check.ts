/**
 * 实名核验: whether a name and a resident ID number belong together, as the population registry
 * (人口库, e.g. 全国公民身份信息系统's 二要素核验) answers. The platform codes against this interface;
 * the sandbox adapter asks the sandbox identity service over HTTP.
 */
export interface RealNameCheck {
  /**
   * `match`: the registry holds this ID number under this name; `mismatch`: under another name;
   * `not_found`: no such ID number. Throws GatewayUnavailableError when the registry cannot answer.
   */
  verify(request: { name: string; idNo: string }): Promise<RealNameResult>;
}

export interface RealNameResult {
  result: 'match' | 'mismatch' | 'not_found';
  /** on a match: the person's real-name level in the registry (L1 … L4) */
  realNameLevel?: string;
}
