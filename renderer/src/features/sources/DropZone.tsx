import { useEffect, useState } from 'react';
import './sources.css';
import { dropTasks, importAndOpen } from './fileImport';

function hasFiles(event: DragEvent): boolean {
  // Drags of issue areas in the sidebar (and stand-ins for them) may carry no list of types at all.
  const types = (event.dataTransfer as { types?: ArrayLike<string> } | null)?.types;
  return types !== undefined && Array.from(types).includes('Files');
}

/** Files dragged onto the window are imported as sources; an overlay says so while they hover. */
export function SourceDropZone() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      void importAndOpen(dropTasks(files));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop .html, .md or .txt files to import them as sources</p>
    </div>
  );
}
