// rhea keeps attach frames on `remote.attach` / `local.attach`, outside its typings.

export interface AttachView {
  source?: { address?: unknown };
  target?: { address?: unknown };
  snd_settle_mode?: number;
}

/** The peer's attach frame (rhea keeps it on `remote.attach`, not in its typings). */
export function linkAttach(link: unknown): AttachView {
  const attach = (link as { remote?: { attach?: Record<string, unknown> } }).remote?.attach ?? {};
  const source = attach.source as { address?: unknown } | undefined;
  const target = attach.target as { address?: unknown } | undefined;
  return {
    source,
    target,
    snd_settle_mode: attach.snd_settle_mode as number | undefined,
  };
}

/** Our side's attach frame, filled before rhea writes it. */
export function linkLocal(link: unknown): Record<string, unknown> {
  return (link as { local: { attach: Record<string, unknown> } }).local.attach;
}

/** Echo the peer's source and target on our attach, as a broker does. */
export function mirrorTermini(link: unknown, remote: AttachView): void {
  const l = link as { set_source(fields: unknown): void; set_target(fields: unknown): void };
  if (remote.source) l.set_source(remote.source);
  if (remote.target) l.set_target(remote.target);
}
