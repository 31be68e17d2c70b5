/** A column header of the positions tables: numeric columns align right; `sticky` keeps it in view when the table scrolls sideways. */
export function Th({ children, numeric = false, sticky = false, title }: { children: string; numeric?: boolean; sticky?: boolean; title?: string }) {
  return (
    <th scope="col" title={title} className={`py-1.5 pr-3 font-medium whitespace-nowrap ${numeric ? 'text-right' : ''} ${sticky ? 'sticky left-0 bg-panel' : ''}`}>
      {children}
    </th>
  )
}
