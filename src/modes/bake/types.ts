/** What a bake produced, whichever builder made it. */
export interface BakeResult {
  /** region -> AMI id, in the order the builder reported them. */
  amis: Record<string, string>;
  /** AMI names by id, for the summary. */
  names: Record<string, string>;
  /** Image Builder's image build version ARN. */
  imageArn?: string;
}
