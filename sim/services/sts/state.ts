/** The STS slice (`state.sts`): the role and session name the caller has assumed. */
export interface StsState {
  roleName: string;
  sessionName: string;
}

export function initStsState(): StsState {
  return { roleName: 'ami-pipeline', sessionName: 'ami-action' };
}
