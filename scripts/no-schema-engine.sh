#!/bin/sh
echo "Prisma's schema engine is not available here: migrations are SQL files applied by 'npm run db:migrate'." >&2
exit 1
