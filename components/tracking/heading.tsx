import type { ReactNode } from "react";

/** A heading whose level follows where the block sits (a parcel's sections sit one level deeper on multi-parcel pages). */
export function Heading({ level, id, className, children }: { level: 2 | 3 | 4; id?: string; className?: string; children: ReactNode }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}
