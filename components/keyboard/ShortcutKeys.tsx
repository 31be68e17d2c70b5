import type { Shortcut } from './parseShortcut'
import { shortcutKeys } from './shortcutKeys'
import { shortcutText } from './shortcutText'

/** A shortcut drawn as keycaps (`Ctrl` `K`, `G` then `T`), read out as text ("G then T"). */
export function ShortcutKeys({ shortcut, mac }: { shortcut: Shortcut; mac: boolean }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap" aria-label={shortcutText(shortcut, { mac })} role="img">
      {shortcutKeys(shortcut, { mac }).map((keys, i) => (
        <span key={i} aria-hidden="true" className="inline-flex items-center gap-1">
          {i > 0 ? <span className="text-[11px] text-muted">then</span> : null}
          {keys.map((key) => (
            <kbd key={key} className="min-w-5 rounded border border-edge bg-surface px-1.5 py-0.5 text-center font-mono text-[11px] text-inherit">
              {key}
            </kbd>
          ))}
        </span>
      ))}
    </span>
  )
}
