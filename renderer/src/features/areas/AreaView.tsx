import { useBook } from '../book/bookState';
import { NotePane } from '../notes/NotePane';
import { AreaBody } from '../positions/AreaBody';
import { AreaHeader } from './AreaHeader';
import { EvidencePanel } from '../sources/EvidencePanel';

/** One issue area: its header, and its briefing note or its positions board. */
export function AreaView({ areaId }: { areaId: string }) {
  const area = useBook((s) => s.areas.find((a) => a.id === areaId));
  if (!area) {
    return (
      <div className="empty-state">
        <h1>Issue area not found</h1>
        <p>It may have been deleted.</p>
      </div>
    );
  }
  return (
    <div className="area-view">
      <AreaHeader key={area.id} area={area} />
      <AreaBody
        areaId={area.id}
        areaTitle={area.title}
        note={
          <>
            <EvidencePanel areaId={area.id} />
            <NotePane areaId={area.id} areaTitle={area.title} />
          </>
        }
      />
    </div>
  );
}
