// A pack is data: the target it migrates to, the pack it layers on, and the rules it adds.
export interface Pack {
  target: string;
  /** The previous generation's pack: its rules run first (guide: "apply each version's section in order"). */
  extends?: string;
  /** Rule ids this section of the guide adds. */
  rules: string[];
}
