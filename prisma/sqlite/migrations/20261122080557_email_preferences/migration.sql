-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "usualName" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "emailNotifications" BOOLEAN NOT NULL DEFAULT true,
    "emailDigest" BOOLEAN NOT NULL DEFAULT true,
    "lastDigestAt" DATETIME,
    "organisationId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME,
    CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "givenName", "id", "issuer", "lastSeenAt", "organisationId", "role", "subject", "updatedAt", "username", "usualName") SELECT "createdAt", "email", "givenName", "id", "issuer", "lastSeenAt", "organisationId", "role", "subject", "updatedAt", "username", "usualName" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_organisationId_idx" ON "User"("organisationId");
CREATE UNIQUE INDEX "User_issuer_subject_key" ON "User"("issuer", "subject");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

