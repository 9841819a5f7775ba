import { create } from 'zustand';

export type Route =
  | { view: 'home' }
  | { view: 'settings' }
  | { view: 'area'; areaId: string }
  // export (issue 6)
  | { view: 'backups' };

interface NavigationState {
  route: Route;
  go(route: Route): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  route: { view: 'home' },
  go(route) {
    set({ route });
  },
}));

export function currentAreaId(route: Route): string | null {
  return route.view === 'area' ? route.areaId : null;
}
