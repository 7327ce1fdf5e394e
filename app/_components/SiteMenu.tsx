'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * On phones the header is one line: the brand, the language and this menu
 * button; the links open below it. Without JavaScript the button is a plain
 * link to #site-menu and CSS shows the menu as its :target. On wider screens
 * the button is hidden and the links show inline (globals.css). Any click
 * elsewhere, a menu link included, or Escape closes it.
 */
export function SiteMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <>
      <a
        ref={button}
        href="#site-menu"
        role="button"
        className="site-menu-button"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={(e) => {
          e.preventDefault();
          setOpen(!open);
        }}
      >
        <span aria-hidden="true">☰</span> {label}
      </a>
      <div id="site-menu" className="site-menu" data-open={open}>
        {children}
      </div>
    </>
  );
}
