/** What a bake produced, whichever builder made it. */
export interface BakeResult {
  /** region -> AMI id, in the order the builder reported them. */
  amis: Record<string, string>;
  /** AMI names by id, for the summary. */
  names: Record<string, string>;
  /** Image Builder's image build version ARN. */
  imageArn?: string;
  /** AMI id -> the source AMI its build started from, as the builder said it (Packer's "Found Image ID"). */
  sources?: Record<string, string>;
}
