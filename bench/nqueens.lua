-- nqueens: LuaJIT counterpart of nqueens.fl: the placed queens as a linked list of
-- {col, rest} cells (nearest first), a recursive safe check, a loop over the columns.
local function safe(col, placed, dist)
  while placed do
    local q = placed[1]
    if q == col or math.abs(q - col) == dist then return false end
    placed, dist = placed[2], dist + 1
  end
  return true
end

local function queens(n)
  local function place(row, placed)
    if row == n then return 1 end
    local count = 0
    for col = 0, n - 1 do
      if safe(col, placed, 1) then count = count + place(row + 1, { col, placed }) end
    end
    return count
  end
  return place(0, false)
end

print(string.format("%d", queens(tonumber(arg[1]) or 13)))
