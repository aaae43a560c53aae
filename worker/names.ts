// Names people compare by eye: two channel names that look the same are the same name. A name is folded by
// compatibility (NFKC: full-width and styled letters), invisible characters are dropped, look-alikes from other
// scripts are mapped to the letters they imitate (Unicode's confusables, through the `confusables` package) and
// case is ignored. What people really type (accents, CJK, emoji) stays a name; it is only compared folded.
import { remove as withoutConfusables } from "confusables";
import { visibleText } from "../contract/schemas";

export const foldName = (name: string) => withoutConfusables(visibleText(name.normalize("NFKC"))).normalize("NFKC").toLowerCase();
