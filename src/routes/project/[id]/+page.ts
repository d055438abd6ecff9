// The project page reads its id from the URL; the project itself is loaded from IndexedDB by the page.
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => ({ id: params.id });
