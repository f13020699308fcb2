-- tak: LuaJIT counterpart of tak.fl.
local function tak(x, y, z)
  if not (y < x) then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end

print(string.format("%d", tak(tonumber(arg[1]) or 30, tonumber(arg[2]) or 20, tonumber(arg[3]) or 10)))
